/**
 * A trajectory is the navigator's plan for one problem: a short analysis and an ordered list
 * of steps, each tied (where the model could) to a library template. Plain data only; the
 * zod schema below describes the JSON we ask models to answer with.
 */
import { z } from 'zod';

/** Hard caps so a runaway model answer cannot flood the UI or the session store. */
export const TRAJECTORY_LIMITS = {
  maxSteps: 30,
  maxFieldChars: 4_000,
} as const;

export interface TrajectoryStep {
  /** 1-based position in the plan. */
  index: number;
  title: string;
  goal: string;
  /** Global template id `${packId}/${templateId}`, or null when the model named none. */
  templateId: string | null;
  /** A template *name* the model gave instead of an id; the caller may fuzzy-match it. */
  templateName?: string;
  /** What the step should produce (an equation, a value, a claim). Empty when unknown. */
  produces: string;
}

export type TrajectorySource = 'json' | 'reasonflux-v1' | 'reasonflux-v2' | 'prose';

export interface Trajectory {
  analysis: string;
  steps: TrajectoryStep[];
  /** Which kind of model output the plan was read from. */
  source: TrajectorySource;
}

/**
 * What a ReasonFlux-v1 navigator says about the problem besides its steps. The caller maps
 * these names to a library template (chapter ≈ category, section ≈ direction, name ≈ method).
 */
export interface ReasonFluxV1Meta {
  category: string;
  direction: string;
  method: string;
  knowledge: string[];
}

/** The JSON shape we ask models for. Snake case because that is what models write most reliably. */
export const trajectoryJsonSchema = z.strictObject({
  analysis: z.string().describe('What kind of problem this is and the idea of the solution, in 1-3 sentences.'),
  steps: z
    .array(
      z.strictObject({
        title: z.string().describe('A short name for the step, at most 8 words.'),
        goal: z.string().describe('What the learner does in this step, without giving the result.'),
        template_id: z
          .string()
          .nullable()
          .describe('The id of the library template this step applies, exactly as listed, or null.'),
        produces: z.string().describe('What the step produces (e.g. "the value of k"), not the value itself.'),
      }),
    )
    .describe('The solution plan, in order.'),
});

export type TrajectoryJson = z.infer<typeof trajectoryJsonSchema>;

/** JSON Schema for the same shape (without `$schema`, which some endpoints reject). */
export const trajectoryJsonSchemaObject: Record<string, unknown> = (() => {
  const { $schema: _ignored, ...schema } = z.toJSONSchema(trajectoryJsonSchema) as Record<string, unknown>;
  return schema;
})();

/** Ready to pass as OpenAI-compatible `response_format` for structured output. */
export const trajectoryResponseFormat = {
  type: 'json_schema',
  json_schema: { name: 'trajectory', strict: true, schema: trajectoryJsonSchemaObject },
} as const;
