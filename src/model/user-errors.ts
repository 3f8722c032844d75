/**
 * Something a person gave cannot be used: a request, a story id, a flag, a conflicting start. The CLI prints the
 * message as one line and exits with code 2; a script using the client API can show it as it is.
 */
export class UserError extends Error {
  override readonly name: string = 'UserError';
}

/** A configuration that cannot be used; the message names the file or variable and the bad field. */
export class ConfigError extends UserError {
  override readonly name = 'ConfigError';
}
