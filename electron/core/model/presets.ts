/**
 * Known OpenAI-compatible servers a student may run on their own machine, and a quick probe
 * that finds which of them are up. Loopback only: discovery never leaves this machine.
 */
import { type ModelClient } from './client.js';

export type PresetId = 'vllm' | 'sglang' | 'ollama' | 'lmstudio' | 'llamacpp' | 'openai-compatible';

export interface ServerPreset {
  id: PresetId;
  label: string;
  /** Suggested base URL; for the cloud preset the user fills in their provider's. */
  baseUrl: string;
  /** Runs on this machine (and is probed by discovery). */
  local: boolean;
  needsApiKey: boolean;
  /** One line on how to start it or what to type. */
  hint: string;
}

export const SERVER_PRESETS: readonly ServerPreset[] = [
  { id: 'vllm', label: 'vLLM', baseUrl: 'http://127.0.0.1:8000/v1', local: true, needsApiKey: false, hint: 'Start with: vllm serve <model>' },
  { id: 'sglang', label: 'SGLang', baseUrl: 'http://127.0.0.1:30000/v1', local: true, needsApiKey: false, hint: 'Start with: python -m sglang.launch_server --model-path <model>' },
  { id: 'ollama', label: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', local: true, needsApiKey: false, hint: 'Start the Ollama app, then: ollama pull <model>' },
  { id: 'lmstudio', label: 'LM Studio', baseUrl: 'http://127.0.0.1:1234/v1', local: true, needsApiKey: false, hint: 'In LM Studio, open the Developer tab and start the server' },
  { id: 'llamacpp', label: 'llama.cpp server', baseUrl: 'http://127.0.0.1:8080/v1', local: true, needsApiKey: false, hint: 'Start with: llama-server -m <model.gguf>' },
  {
    id: 'openai-compatible',
    label: 'OpenAI-compatible cloud',
    baseUrl: 'https://',
    local: false,
    needsApiKey: true,
    hint: "Paste your provider's base URL (ending in /v1) and API key",
  },
];

export const presetById = (id: PresetId): ServerPreset | undefined => SERVER_PRESETS.find((p) => p.id === id);

const portOf = (url: string): number | null => {
  try {
    return Number(new URL(url).port) || null;
  } catch {
    return null;
  }
};

export interface DiscoveredServer {
  preset: ServerPreset;
  baseUrl: string;
  models: string[];
}

/**
 * Probe loopback ports in parallel for OpenAI-compatible servers. A closed port fails at once;
 * a port held by something else gets `timeoutMs` (default 800 ms) before it is skipped.
 */
export async function discoverLocalServers(
  client: Pick<ModelClient, 'listModels'>,
  opts: { ports?: number[]; timeoutMs?: number } = {},
): Promise<DiscoveredServer[]> {
  const locals = SERVER_PRESETS.filter((p) => p.local);
  const ports = opts.ports ?? locals.map((p) => portOf(p.baseUrl)!);
  const timeoutMs = opts.timeoutMs ?? 800;
  const probes = ports.map(async (port): Promise<DiscoveredServer | null> => {
    const known = locals.find((p) => portOf(p.baseUrl) === port);
    const baseUrl = `http://127.0.0.1:${port}/v1`;
    const preset: ServerPreset = known ?? { ...presetById('openai-compatible')!, label: `OpenAI-compatible server on port ${port}`, baseUrl, local: true, needsApiKey: false };
    try {
      const { models } = await client.listModels({ baseUrl, model: '', timeoutMs });
      return { preset, baseUrl, models };
    } catch {
      return null;
    }
  });
  return (await Promise.all(probes)).filter((s): s is DiscoveredServer => s !== null);
}
