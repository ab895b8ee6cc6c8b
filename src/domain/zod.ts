/**
 * zod, told before any schema is built not to compile validators with `new Function`: the page's
 * Content-Security-Policy forbids eval, and zod's probe for it is itself reported as a violation. Every schema in
 * src imports `z` from here (ESLint refuses `zod` elsewhere): a module's imports run before its body, so however the
 * bundler splits the app into chunks, no schema is built before this setting.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
