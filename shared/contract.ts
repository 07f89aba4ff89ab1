/**
 * The one contract between the renderer and the core. Every method the renderer may call is
 * declared here with a namespaced name, a zod input schema (validated at runtime by the core's
 * dispatcher) and an output type. The renderer's `api`, the browser host's routes and the
 * Electron IPC handlers/preload are all derived from this object; no channel name is written
 * twice anywhere else.
 */
import { z } from 'zod';
import type {
  DraftSaved,
  DraftSummary,
  DraftValidation,
  DraftView,
  ImportOutcome,
  ImportPreview,
  PackSummary,
  SearchHit,
  Template,
  TemplateSummary,
  TopicTree,
} from './domain.js';
import { PACK_LIMITS, slugId } from './packs/schema.js';
import type { AppError, Result } from './result.js';
import {
  MODEL_ROLES,
  RUNGS,
  modelRoleInput,
  type DiscoveredServer,
  type ModelSettingsView,
  type PracticeProblemSummary,
  type ServerPresetView,
  type SessionSummary,
  type SessionView,
} from './tutor.js';

/** A method: its input schema plus a phantom output type. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  /** Never set at runtime; carries the output type. */
  output?: O;
}

const method =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });

// ---- input schemas ---------------------------------------------------------------------

const none = z.strictObject({});
const packId = z.string().min(1).max(96);
const shortText = (max: number) => z.string().max(max);

/** A pack file's text as read by the renderer or the CLI. */
export const packFileInput = z.strictObject({
  fileName: z.string().min(1).max(255),
  content: z.string().max(PACK_LIMITS.maxFileBytes, {
    error: `pack files larger than ${PACK_LIMITS.maxFileBytes / (1024 * 1024)} MB are refused`,
  }),
  /** Install the file's pack under this id instead of its own (e.g. a fork of a built-in pack). */
  asPackId: slugId.optional(),
});

/** Names a preview the core holds (packs.previewImport's importId). */
const importId = z.string().min(1).max(100);

/**
 * Apply a preview by its importId (what the app does: the file was read and checked once, at
 * preview), or give a pack file's text to parse, check and write in one step (the CLI).
 */
export const applyImportInput = packFileInput
  .partial({ fileName: true, content: true })
  .extend({
    importId: importId.optional(),
    /** Allow replacing an installed pack with an older version. */
    force: z.boolean().optional(),
  })
  .refine((i) => (i.importId !== undefined ? i.fileName === undefined && i.content === undefined && i.asPackId === undefined : i.fileName !== undefined && i.content !== undefined), {
    error: 'give importId (from packs.previewImport), or fileName and content to import a file in one step, not both',
  });

export const listTemplatesInput = z.strictObject({
  packId: packId.optional(),
  chapter: shortText(500).optional(),
  section: shortText(500).optional(),
  tag: shortText(200).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(20_000).default(200),
});

export const searchInput = z.strictObject({
  /** What a person typed; any text is allowed and never raises a query syntax error. */
  query: z.string().max(10_000),
  packId: packId.optional(),
  /** Chapter title (optionally with section) to restrict to. */
  chapter: shortText(500).optional(),
  section: shortText(500).optional(),
  tag: shortText(200).optional(),
  limit: z.number().int().min(1).max(500).default(50),
});

export const tagsInput = z.strictObject({ packId: packId.optional() });

const sessionId = z.string().min(1).max(100);
/** Chosen by the renderer so it can match streamed events and cancel before the reply. */
const requestId = z.string().min(1).max(100);
const problemText = z.string().trim().min(1, { error: 'type a problem first' }).max(20_000);

/** A pack being authored: any JSON object (it may be incomplete until it is validated). */
const draftBody = z.record(z.string(), z.unknown());
const draftId = z.string().min(1).max(100);

export const saveDraftInput = z.strictObject({
  /** Omit to create a new draft. */
  draftId: draftId.optional(),
  draft: draftBody,
});

export const setModelInput = z.strictObject({
  role: z.enum(MODEL_ROLES),
  settings: modelRoleInput.nullable(),
});

export const testConnectionInput = z.strictObject({
  role: z.enum(MODEL_ROLES).optional(),
  /** Test these values before saving them; when apiKey is undefined the stored key is used only if baseUrl is the saved one. */
  settings: modelRoleInput.optional(),
});

// ---- the contract ----------------------------------------------------------------------

export interface AppInfo {
  version: string;
  dataDir: string;
  templateCount: number;
  packCount: number;
  /** 'browser' when served by the browser host, 'electron' in the desktop shell. */
  shell: 'browser' | 'electron';
  /** Set when the library file was damaged at start and replaced by a fresh one. */
  recovery?: { backupFile: string; reason: string };
}

/** A preview the core holds the checked pack for: packs.applyImport takes its importId (single use, expires). */
export interface StagedImportPreview extends ImportPreview {
  importId: string;
}

/** A pack the app ships, and how it stands in the library (packs.listBuiltIns). */
export interface BuiltInPackView {
  id: string;
  name: string;
  /** The version the app ships. */
  version: string;
  installedVersion: string | null;
  /** missing: removed; changed: installed, but not as shipped (edited, damaged or replaced). */
  state: 'installed' | 'missing' | 'changed';
}

export const contract = {
  'app.info': method<AppInfo>()(none),

  'library.listPacks': method<PackSummary[]>()(none),
  'library.topicTree': method<TopicTree>()(z.strictObject({ packId })),
  'library.listTemplates': method<{ total: number; items: TemplateSummary[] }>()(listTemplatesInput),
  'library.search': method<SearchHit[]>()(searchInput),
  'library.getTemplate': method<Template>()(z.strictObject({ id: z.string().min(3).max(200) })),
  'library.tags': method<{ tag: string; count: number }[]>()(tagsInput),

  'packs.previewImport': method<StagedImportPreview>()(packFileInput),
  'packs.applyImport': method<ImportOutcome>()(applyImportInput),
  'packs.discardImport': method<{ discarded: boolean }>()(z.strictObject({ importId })),
  'packs.remove': method<{ packId: string; removedTemplates: number }>()(z.strictObject({ packId })),
  'packs.export': method<{ fileName: string; content: string }>()(z.strictObject({ packId })),
  'packs.listBuiltIns': method<BuiltInPackView[]>()(none),
  'packs.restoreBuiltIn': method<ImportOutcome>()(z.strictObject({ packId })),

  'authoring.listDrafts': method<DraftSummary[]>()(none),
  'authoring.getDraft': method<DraftView>()(z.strictObject({ draftId })),
  'authoring.saveDraft': method<DraftSaved>()(saveDraftInput),
  'authoring.deleteDraft': method<{ deleted: boolean }>()(z.strictObject({ draftId })),
  'authoring.validateDraft': method<DraftValidation>()(z.strictObject({ draftId })),
  'authoring.exportDraft': method<{ fileName: string; content: string }>()(z.strictObject({ draftId })),
  'authoring.installDraft': method<ImportOutcome>()(z.strictObject({ draftId, force: z.boolean().optional() })),
  'authoring.draftFromPack': method<DraftView>()(z.strictObject({ packId })),

  'settings.getModels': method<ModelSettingsView>()(none),
  'settings.setModel': method<ModelSettingsView>()(setModelInput),
  'settings.setSolverUsesNavigator': method<ModelSettingsView>()(z.strictObject({ value: z.boolean() })),
  /** keyWithheld: the stored key was not sent, because the typed address differs from the saved one. */
  'settings.testConnection': method<{ models: string[]; latencyMs: number; modelFound: boolean; keyWithheld?: boolean }>()(testConnectionInput),
  'settings.presets': method<ServerPresetView[]>()(none),
  'settings.discoverServers': method<DiscoveredServer[]>()(none),

  'practice.list': method<PracticeProblemSummary[]>()(z.strictObject({ packId: packId.optional() })),
  'tutor.suggestTemplates': method<SearchHit[]>()(z.strictObject({ problem: z.string().max(20_000), limit: z.number().int().min(1).max(50).default(8) })),
  'tutor.startSession': method<SessionView>()(
    z.union([
      z.strictObject({ problem: problemText, requestId }),
      z.strictObject({ practiceId: z.string().min(1).max(200), requestId }),
    ]),
  ),
  'tutor.getSession': method<SessionView>()(z.strictObject({ sessionId })),
  'tutor.listSessions': method<SessionSummary[]>()(z.strictObject({ limit: z.number().int().min(1).max(500).default(100) })),
  'tutor.reveal': method<SessionView>()(
    z.strictObject({ sessionId, stepIndex: z.number().int().min(0).max(100), rung: z.enum(RUNGS), requestId }),
  ),
  'tutor.checkStep': method<SessionView>()(
    z.strictObject({ sessionId, stepIndex: z.number().int().min(0).max(100), attempt: z.string().trim().min(1).max(5_000), requestId }),
  ),
  'tutor.advance': method<SessionView>()(z.strictObject({ sessionId })),
  'tutor.submitAnswer': method<SessionView>()(z.strictObject({ sessionId, answer: z.string().trim().min(1).max(2_000) })),
  'tutor.exportSession': method<{ fileName: string; content: string }>()(z.strictObject({ sessionId })),
  'tutor.deleteSession': method<{ deleted: boolean }>()(z.strictObject({ sessionId })),

  'requests.cancel': method<{ cancelled: boolean }>()(z.strictObject({ requestId: z.string().min(1).max(100) })),
} satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = NonNullable<Contract[M]['output']>;

export const methodNames = Object.keys(contract) as MethodName[];
export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);

// ---- streamed events -------------------------------------------------------------------

/**
 * Events of long-running work (tutor.startSession, reveal, checkStep), tagged with the request
 * id the renderer chose for the call; a request ends with exactly one of done, error, cancelled.
 */
export type RequestEvent =
  | { requestId: string; type: 'delta'; channel: string; text: string }
  | { requestId: string; type: 'done'; value?: unknown }
  | { requestId: string; type: 'error'; error: AppError }
  | { requestId: string; type: 'cancelled' };

/**
 * Commands from the desktop shell's menu that the renderer carries out. importPack: main
 * previewed the picked file itself (the core holds it under `importId`); only the preview, or
 * why the file cannot be imported, crosses to the renderer.
 */
export type ShellCommand =
  | { command: 'importPack'; fileName: string; result: Result<StagedImportPreview> }
  | { command: 'openSettings' };

/** The shape the renderer checks before it trusts a shell command (the event channel is not typed). */
const shellCommandSchema = z.discriminatedUnion('command', [
  z.strictObject({
    command: z.literal('importPack'),
    fileName: z.string().min(1).max(255),
    result: z.discriminatedUnion('ok', [
      z.strictObject({
        ok: z.literal(true),
        value: z.looseObject({
          importId: z.string().min(1),
          packId: z.string(),
          action: z.string(),
          counts: z.looseObject({}),
          changes: z.array(z.unknown()),
          warnings: z.array(z.unknown()),
        }),
      }),
      z.strictObject({ ok: z.literal(false), error: z.looseObject({ code: z.string(), message: z.string() }) }),
    ]),
  }),
  z.strictObject({ command: z.literal('openSettings') }),
]);

/**
 * A menu command from the desktop shell (never from the core), on the same event stream.
 * It belongs to no request, so it has no request id and code matching events to a request
 * passes it by.
 */
export interface ShellEvent {
  type: 'shell';
  command: ShellCommand;
  requestId?: undefined;
}

/** Everything that reaches the renderer's `onEvent`. */
export type StreamEvent = RequestEvent | ShellEvent;

/** The command a shell event carries, once its shape is checked (the event channel is not trusted). */
export function readShellCommand(event: StreamEvent): ShellCommand | null {
  if (event.type !== 'shell') return null;
  const parsed = shellCommandSchema.safeParse(event.command);
  return parsed.success ? (parsed.data as ShellCommand) : null;
}

/** What every shell (HTTP host, IPC, CLI) calls: a method name and untrusted input in, a Result out. */
export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

// ---- the renderer's api, derived -------------------------------------------------------

/** `api.library.search({...})`: nested by namespace, one function per contract method. */
type Namespaces = MethodName extends `${infer N}.${string}` ? N : never;
export type Api = {
  [N in Namespaces]: {
    [M in MethodName as M extends `${N}.${infer F}` ? F : never]: (
      input: MethodInput<M>,
    ) => Promise<Result<MethodOutput<M>>>;
  };
} & {
  /** Subscribe to streamed events; returns an unsubscribe function. */
  onEvent(listener: (event: StreamEvent) => void): () => void;
};

/** What a shell (HTTP, IPC) must provide to carry the contract. */
export interface Transport {
  call(method: MethodName, input: unknown): Promise<Result<unknown>>;
  onEvent(listener: (event: StreamEvent) => void): () => void;
}

/** Build the nested `api` object from a transport. Used by the renderer and by tests. */
export function createApi(transport: Transport): Api {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of methodNames) {
    const [ns, fn] = name.split('.') as [string, string];
    (api[ns] ??= {})[fn] = (input: unknown) => transport.call(name, input ?? {});
  }
  return { ...api, onEvent: (l: (e: StreamEvent) => void) => transport.onEvent(l) } as unknown as Api;
}
