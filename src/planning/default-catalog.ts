import type { Catalog } from '../model/catalog';
import { CatalogSchema } from '../model/catalog';
import builtinDomains from './builtin-domains.json';

/**
 * The built-in catalog (`builtin-domains.json`): the six domains of the original WAVE router, with its keywords plus
 * stems' irregular cousins, synonyms and common vendor names. Critical: auth, payments, data. No dependencies by
 * default. A team replaces it with `catalog` in wave.config.json.
 */
export const DEFAULT_CATALOG: Catalog = CatalogSchema.parse(builtinDomains);
