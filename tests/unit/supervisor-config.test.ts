import { parseConfig } from '../../src/config/load-config';
import { supervisorFromConfig } from '../../src/config/worker-options';

describe('supervisor configuration', () => {
  test('is optional; given, it gets its defaults and the config folder', () => {
    expect(parseConfig({ data: {} }).supervisor).toBeUndefined();
    const config = parseConfig({
      data: { supervisor: { command: './route.js' } },
      source: '/etc/wave/wave.config.json',
    });
    expect(supervisorFromConfig(config)).toEqual({
      command: './route.js',
      timeoutMs: 30_000,
      env: [],
      baseDir: '/etc/wave',
    });
  });

  test.each([
    ['no command', {}, /supervisor: set either "command" or "agent"/],
    ['both a command and an agent', { command: 'x', agent: 'claude' }, /set either "command" or "agent"/],
    ['codex without a model', { agent: 'codex' }, /codex needs "model"/],
    [
      'an unknown placeholder in the prompt',
      { agent: 'claude', prompt: 'Route {{story}} {{plan}}' },
      /unknown placeholder \{\{plan\}\}/,
    ],
    ['an empty program', { command: [''] }, /supervisor\.command/],
    ['a timeout beyond the supervise activity', { command: 'x', timeoutMs: 60_000 }, /supervisor\.timeoutMs/],
    [
      'a bad variable name',
      { command: 'x', env: ['API KEY'] },
      /supervisor\.env\.0: must be an environment variable name/,
    ],
    ['an unknown field', { command: 'x', model: 'opus' }, /supervisor: .*model/],
  ])('%s is a clear config error', (_name, supervisor, message) => {
    expect(() => parseConfig({ data: { supervisor }, source: 'wave.config.json' })).toThrow(message);
  });
});
