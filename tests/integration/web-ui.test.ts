import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { StoryRequestInput } from '../../src/model/story-request';
import { writeStoryReport } from '../../src/reporting/write-report';
import type { DevServer } from '../../src/temporal/dev-server';
import { startTestServer } from '../../src/temporal/dev-server';
import { startStory } from '../../src/temporal/story-client';
import { domainWorkflowId, storyWorkflowId } from '../../src/workflow-safe/ids';
import type { Harness } from '../helpers/harness';
import { startHarness } from '../helpers/harness';
import { freePort } from '../helpers/processes';

const CHROMIUM = process.env.WAVE_CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = resolve(__dirname, '..', '..', 'test-results', 'web-ui');

/**
 * The operator's view in a real browser: the dev server's Web UI (headless Debian chromium through playwright-core)
 * showing a run with one tolerated non-critical failure, and the HTML report of that run.
 */
describe('the Temporal Web UI and the HTML report in a browser', () => {
  let server: DevServer;
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let ui: string;
  const suffix = process.pid.toString(36);
  const partialId = `dashboard-${suffix}`;
  const succeededId = `checkout-${suffix}`;

  const run = async (request: StoryRequestInput & { storyId: string }) =>
    (await startStory({ client: harness.client, taskQueue: harness.taskQueue, request })).result();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`the browser test needs Debian's chromium at ${CHROMIUM} (apt-get install chromium)`);
    }
    mkdirSync(SHOTS, { recursive: true });
    const uiPort = await freePort();
    server = await startTestServer({ uiPort });
    ui = server.uiUrl as string;
    harness = await startHarness({ server });
    const [partial, succeeded] = await Promise.all([
      run({
        storyId: partialId,
        title: 'Add Google login with a settings dashboard',
        domains: ['auth', 'ui'],
        policy: { toleratedFailures: 1, retry: { initialIntervalMs: 50, backoffCoefficient: 1 } },
        executor: {
          kind: 'simulated',
          phaseMs: 30,
          domains: {
            ui: { failures: [{ phase: 'test', kind: 'permanent' }] },
            auth: { failingTestRuns: 1, failures: [{ phase: 'plan', kind: 'transient', attempts: 1 }] },
          },
        },
      }),
      run({
        storyId: succeededId,
        title: 'Add Stripe checkout',
        domains: ['payments'],
        executor: { kind: 'simulated', phaseMs: 10 },
      }),
    ]);
    expect([partial.outcome, succeeded.outcome]).toEqual(['partial', 'succeeded']);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await server?.stop();
  });

  /** Text of the page and of every frame in it (the Web UI renders Markdown in sandboxed frames). */
  const allText = async () => {
    const texts = await Promise.all(
      page.frames().map((frame) =>
        frame
          .locator('body')
          .innerText()
          .catch(() => ''),
      ),
    );
    return texts.join('\n');
  };

  /** Rows of the Markdown table the Web UI rendered in the frame `id`, once it shows a column named `header`. */
  const renderedTableRows = async (input: { id: string; header: string }) => {
    const table = page.frameLocator(`#${input.id}`).locator('table').filter({ hasText: input.header }).first();
    await table.waitFor({ timeout: 20_000 });
    return table.locator('tr').allInnerTexts();
  };

  /** A screenshot of the page without the navigation bar (docs/operations.md shows two of them). */
  const shot = (name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), clip: { x: 255, y: 60, width: 1145, height: 680 } });

  test('filtering the workflow list by WaveStatus = "partial" shows the partial run only', async () => {
    const query = encodeURIComponent('WaveStatus = "partial"');
    await page.goto(`${ui}/namespaces/default/workflows?query=${query}`);
    const row = page.getByRole('link', { name: storyWorkflowId(partialId), exact: true });
    // Visibility is eventually consistent: reload until the run is listed.
    for (let attempt = 0; ; attempt++) {
      const listed = await row.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (listed) break;
      if (attempt >= 5) throw new Error(`${storyWorkflowId(partialId)} is not listed under WaveStatus = "partial"`);
      await page.reload();
    }
    await expect(page.getByText(storyWorkflowId(succeededId), { exact: true }).count()).resolves.toBe(0);
    await shot('list-filtered');
  });

  test('the run shows its children and activities with their summaries on the timeline', async () => {
    await page.getByRole('link', { name: storyWorkflowId(partialId), exact: true }).click();
    await page.getByText('auth (critical) · layer 0').first().waitFor({ timeout: 20_000 });
    await page.getByText('ui · layer 0').first().waitFor();
    await page.getByText('route the story to domains and plan layers and budgets').first().waitFor();
    await page.getByText('aggregate 2 domain result(s)').first().waitFor();
    await page.screenshot({
      path: join(SHOTS, 'run-timeline.png'),
      fullPage: true,
      clip: { x: 255, y: 690, width: 1145, height: 300 },
    });
    await page.getByTestId('relationships-tab').click();
    for (const domain of ['auth', 'ui']) {
      const id = domainWorkflowId({ storyId: partialId, domain });
      await page.getByRole('link', { name: id, exact: true }).waitFor({ timeout: 15_000 });
    }
    await shot('run-relationships');
  });

  test('user metadata: the summary, the static details and the live current-details table', async () => {
    await page.getByTestId('user-metadata-tab').click();
    const rows = await renderedTableRows({ id: 'user-metadata-current-details', header: 'phases done' });
    expect(rows.find((r) => r.startsWith('auth'))).toMatch(/auth\s+yes\s+0\s+succeeded\s+6/);
    expect(rows.find((r) => r.startsWith('ui'))).toMatch(/ui\s+no\s+0\s+failed\s+3/);
    const metadata = await allText();
    expect(metadata).toContain('Add Google login with a settings dashboard'); // summary
    expect(metadata).toMatch(/executor: simulated\s+budget: 500000 tokens · \$25.00/); // static details
    await shot('run-user-metadata');
  });

  test('a child shows its static details (critical, budget share) and its phase table', async () => {
    await page.getByTestId('relationships-tab').click();
    const child = domainWorkflowId({ storyId: partialId, domain: 'auth' });
    await page.getByRole('link', { name: child, exact: true }).click();
    await page.getByTestId('user-metadata-tab').click();
    const rows = await renderedTableRows({ id: 'user-metadata-current-details', header: 'fix round' });
    const metadata = await allText();
    expect(metadata).toContain('auth (critical) · layer 0');
    expect(metadata).toMatch(/yes: its failure fails the run\s+0\s+—\s+\d+ tok/);
    expect(rows.filter((r) => /^implement/.test(r))).toHaveLength(2);
    expect(rows.find((r) => /^test\s+0/.test(r))).toMatch(/failed/);
    await shot('child-user-metadata');
  });

  test('the HTML report renders its phase timeline with the retry and the failure marked', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'wave-report-'));
    const { htmlPath } = await writeStoryReport({ client: harness.client, storyId: partialId, outDir });
    await page.goto(pathToFileURL(htmlPath).href);
    await expect(page.title()).resolves.toContain('Add Google login with a settings dashboard');
    const chart = page.locator('svg').first();
    await chart.waitFor();
    const bars = await chart.locator('rect').count();
    expect(bars).toBeGreaterThanOrEqual(9); // 6 phases of auth, 3 of ui
    const text = await page.locator('body').innerText();
    expect(text).toMatch(/auth/);
    expect(text).toMatch(/partial/i);
    const titles = await chart.locator('title').allTextContents();
    expect(titles.some((t) => /ui.*test/.test(t) && /fail/i.test(t))).toBe(true);
    expect(titles.some((t) => /auth.*plan/.test(t) && /attempt/i.test(t))).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'report.png'), fullPage: true });
  });
});
