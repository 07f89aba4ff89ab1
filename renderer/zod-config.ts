/**
 * The renderer's CSP forbids eval. zod probes for it once with `new Function` (caught, but
 * reported as a CSP violation); jitless mode skips the probe. Imported first by main.tsx.
 */
import { z } from 'zod';

z.config({ jitless: true });
