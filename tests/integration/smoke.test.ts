import type { DevServer } from '../../src/temporal/dev-server';
import type { Harness } from '../helpers/harness';
import { startHarness, startServer } from '../helpers/harness';

let server: DevServer;
let h: Harness;
beforeAll(async () => {
  server = await startServer();
  h = await startHarness({ server });
});
afterAll(async () => {
  await h?.close();
  await server?.stop();
});

test('smoke', async () => {
  const report = await h.run({ title: 'Add Google login and Stripe checkout', executor: { kind: 'simulated', phaseMs: 100 } });
  console.log(JSON.stringify(report, null, 1).slice(0, 3000));
  expect(report.outcome).toBe('succeeded');
});
