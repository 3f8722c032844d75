import { PHASES } from '../../model/phase';
import { executorMisconfigured, invalidStoryRequest } from '../../workflow-safe/failure-types';
import { DEFAULT_PRICES, priceOf } from '../agents/prices';
import { AGENT_ADAPTERS } from '../agents/registry';
import { commandFor, programExists, programOf } from './command-line';
import type { CommandExecutorConfig, PhaseRun } from './config';
import { WorkspaceError, inspectWorkspace } from './workspace-check';

/**
 * Before any domain starts: every phase of every domain has a command whose program exists, and the workspace is a
 * usable git remote or clean local repository. Pins the base commit all domain branches start from.
 */
export async function prepareRun(input: {
  config: CommandExecutorConfig;
  storyId: string;
  workspace?: string;
  domains: string[];
}): Promise<{ root: string; baseCommit: string }> {
  const { config } = input;
  for (const domain of input.domains) {
    for (const phase of PHASES) {
      const spec = commandFor({ config, domain, phase });
      if (!spec)
        throw executorMisconfigured(
          `no command or agent configured for ${domain}/${phase} (executors.command.phases or .domains.${domain})`,
        );
      const program = programOf({ run: spec, baseDir: config.baseDir }) ?? '';
      if (!programExists({ argv: [program], path: process.env.PATH })) {
        const what = spec.agent ? `agent ${spec.agent}: program` : 'command';
        throw executorMisconfigured(`${domain}/${phase}: ${what} ${JSON.stringify(program)} does not exist`);
      }
      const unpriced = unpricedModel({ run: spec, config });
      if (unpriced)
        throw executorMisconfigured(
          `${domain}/${phase}: ${spec.agent} reports no cost and model ${JSON.stringify(unpriced)} has no price in executors.command.prices`,
        );
    }
  }
  if (!input.workspace)
    throw invalidStoryRequest('workspace: the command executor needs a workspace (the path of a git repository)');
  try {
    return await inspectWorkspace({ workspace: input.workspace, storyId: input.storyId });
  } catch (err) {
    if (err instanceof WorkspaceError) throw invalidStoryRequest(`workspace: ${err.message}`);
    throw err;
  }
}

/** The configured model of an agent whose CLI reports tokens only, when the price table has no price for it. */
function unpricedModel(input: { run: PhaseRun; config: CommandExecutorConfig }): string | undefined {
  const { run } = input;
  if (run.agent === undefined || run.model === undefined || AGENT_ADAPTERS[run.agent].reportsCost) return undefined;
  return priceOf({ model: run.model, prices: { ...DEFAULT_PRICES, ...input.config.prices } }) ? undefined : run.model;
}
