/**
 * The page's Content-Security-Policy forbids eval: zod is told, before any schema is built, not to compile
 * validators with `new Function` (its probe alone is reported as a CSP violation). Imported first by main.tsx.
 */
import { z } from 'zod';

z.config({ jitless: true });
