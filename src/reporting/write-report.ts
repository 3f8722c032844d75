import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import type { RunReport } from '../model/report';
import { UserError } from '../model/user-errors';
import type { StoryState } from '../temporal/story-client';
import { readStory } from '../temporal/story-client';
import { storyWorkflowId } from '../workflow-safe/ids';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import { reportModel } from './model';
import { fetchStoryHistories } from './story-histories';
import { phaseTimeline } from './timeline';

/**
 * Writes a story's run report as `<storyId>.md` and `<storyId>.html` into `outDir` (created if needed): the report
 * of a finished story, or what exists so far of a running one, with the phase timeline read from the workflow
 * histories. An unknown id is a {@link UserError}.
 */
export async function writeStoryReport(input: {
  client: Client;
  storyId: string;
  outDir: string;
}): Promise<{ markdownPath: string; htmlPath: string }> {
  const state = await readStory({ client: input.client, storyId: input.storyId });
  const { storyId, histories } = await fetchStoryHistories({ client: input.client, id: input.storyId });
  const now = Date.now();
  const timeline = phaseTimeline({ histories, ...(state.state === 'running' ? { now } : {}) });
  const full = state.state === 'completed' ? withFullReportNote(state.report) : { state, notes: [] };
  const title =
    state.state === 'completed' || state.state === 'running'
      ? undefined
      : await memoTitle({ client: input.client, storyId });
  const model = reportModel({
    state: full.state,
    storyId,
    ...(title !== undefined ? { title } : {}),
    timeline,
    now,
    notes: full.notes,
  });
  const base = join(input.outDir, fileName(storyId));
  const paths = { markdownPath: `${base}.md`, htmlPath: `${base}.html` };
  try {
    mkdirSync(input.outDir, { recursive: true });
    writeFileSync(paths.markdownPath, renderMarkdown(model));
    writeFileSync(paths.htmlPath, renderHtml(model));
  } catch (err) {
    throw new UserError(`cannot write the report to ${input.outDir}: ${(err as Error).message}`);
  }
  return paths;
}

/** A report whose per-domain lists could not all be read back from Temporal says so. */
function withFullReportNote(report: RunReport): { state: StoryState; notes: string[] } {
  const notes = report.fullReport
    ? [
        `The report was too large for workflow history (${report.fullReport.bytes} bytes) and some domains' results ` +
          'are no longer in Temporal (past the namespace retention?): their phases and files are missing here.',
      ]
    : [];
  return { state: { state: 'completed', report }, notes };
}

/** The title the story was started with (kept in its memo), for runs that ended without a report. */
async function memoTitle(input: { client: Client; storyId: string }): Promise<string | undefined> {
  const description = await input.client.workflow
    .getHandle(storyWorkflowId(input.storyId))
    .describe()
    .catch(() => undefined);
  const title = description?.memo?.title;
  return typeof title === 'string' ? title : undefined;
}

/** Story ids are safe file names already; anything else is made one. */
function fileName(storyId: string): string {
  return storyId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_');
}
