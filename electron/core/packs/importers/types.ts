/** What every importer hands to parse.ts: pack-shaped data, still to be validated. */
export interface ImportResult {
  /** PackV1-shaped data; validated by validatePack afterwards. */
  data: unknown;
  warnings: string[];
  /**
   * Where a validator issue at `templates[i].<field><rest>` is in the source file, e.g.
   * `["Ch"]["Sec"][3].reason_flow[2]` or `Problem Type 3 (line 54), Solution Strategy`.
   */
  locate?: (templateIndex: number, field: string, rest: string) => string;
}
