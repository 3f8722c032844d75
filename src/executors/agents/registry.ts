import type { AgentAdapter, AgentName } from './adapter';
import { aiderAdapter } from './aider';
import { claudeAdapter } from './claude';
import { codexAdapter } from './codex';
import { geminiAdapter } from './gemini';

/** The built-in adapters by the name a phase's `agent` setting uses. */
export const AGENT_ADAPTERS: Readonly<Record<AgentName, AgentAdapter>> = {
  claude: claudeAdapter,
  codex: codexAdapter,
  gemini: geminiAdapter,
  aider: aiderAdapter,
};
