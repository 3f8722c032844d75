import type { StoryProgress } from '../model/progress';
import type { RunReport } from '../model/report';
import { awaitingReview, progressLine, renderProgress } from './render';

/** Shows live progress: a table redrawn in place on a terminal, one plain line per change otherwise. */
export interface ProgressDisplay {
  update(progress: StoryProgress): void;
  done(): void;
}

export function createProgressDisplay(out: NodeJS.WritableStream & { isTTY?: boolean }): ProgressDisplay {
  return out.isTTY ? redrawingTable(out) : changeLines(out);
}

function redrawingTable(out: NodeJS.WritableStream): ProgressDisplay {
  let drawn = 0;
  return {
    update(progress) {
      const lines = renderProgress(progress);
      // Move up over the previous table and clear it before drawing the new one.
      out.write(`${drawn ? `\x1b[${drawn}A\x1b[0J` : ''}${lines.join('\n')}\n`);
      drawn = lines.length;
    },
    done() {
      drawn = 0;
    },
  };
}

function changeLines(out: NodeJS.WritableStream): ProgressDisplay {
  const seen = new Map<string, string>();
  let stage = '';
  return {
    update(progress) {
      if (progress.stage !== stage) {
        stage = progress.stage;
        out.write(`${progress.storyId}: ${stage}\n`);
        if (stage === 'awaiting-review') out.write(`${awaitingReview(progress).join('\n')}\n`);
      }
      for (const row of progress.domains) {
        const line = progressLine(row);
        if (seen.get(row.name) === line) continue;
        seen.set(row.name, line);
        out.write(`${line}\n`);
      }
    },
    done() {},
  };
}

/** The last frame of the display: every domain's final status, from the report. */
export function progressFromReport(report: RunReport): StoryProgress {
  const layerCount = Math.max(0, ...report.domains.map((d) => d.layer + 1));
  return {
    storyId: report.storyId,
    title: report.title,
    stage: 'completed',
    startedAt: report.startedAt,
    currentLayer: Math.max(0, layerCount - 1),
    layerCount,
    outcome: report.outcome,
    domains: report.domains.map((d) => ({
      name: d.domain,
      critical: d.critical,
      layer: d.layer,
      status: d.status,
      phasesDone: d.phases.length,
      budgetUsed: d.budgetUsed,
    })),
  };
}
