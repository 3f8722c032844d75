import { z } from 'zod';

/** A domain name as it appears in requests, catalogs, workflow ids and branch names. */
export const DomainNameSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,31}$/,
    'must be a domain name: lowercase letters, digits and "-", at most 32 characters, starting with a letter',
  );
