/** A configuration that cannot be used; the message names the file or variable and the bad field. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
