import { REDACTED, redactor, secretValues } from '../../src/executors/redact';

test('secret-looking variables are hidden wherever they appear; ordinary ones and short values are kept', () => {
  const env = {
    OPENAI_API_KEY: 'sk-abcdef123456',
    GITHUB_TOKEN: 'ghp_zzzzzzzzzz',
    HOME: '/root',
    DB_PASSWORD: 'abc',
    PATH: '/bin',
  };
  const secrets = secretValues({ env, names: Object.keys(env) });
  expect(secrets.sort()).toEqual(['ghp_zzzzzzzzzz', 'sk-abcdef123456']);
  const hide = redactor(secrets);
  expect(hide('key=sk-abcdef123456 and again sk-abcdef123456; token ghp_zzzzzzzzzz; home /root')).toBe(
    `key=${REDACTED} and again ${REDACTED}; token ${REDACTED}; home /root`,
  );
  expect(redactor([])('unchanged')).toBe('unchanged');
});
