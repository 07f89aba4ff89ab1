/** `npm run build:electron`: bundle the main process and the preload into out/. */
import path from 'node:path';
import { bundleElectron } from './bundle.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const { mainFile, preloadFile } = await bundleElectron(root);
console.log(`Bundled ${path.relative(root, mainFile)} and ${path.relative(root, preloadFile)}`);
