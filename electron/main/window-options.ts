/**
 * The one place the window's options are decided, as a pure function so tests can check
 * the security settings without an Electron binary.
 */
import type { BrowserWindowConstructorOptions, Rectangle } from 'electron';

export const PRODUCT_NAME = 'ReasonFlux Tutor';
export const DEFAULT_SIZE = { width: 1280, height: 840 };
export const MIN_SIZE = { width: 720, height: 480 };

export interface WindowOptionsInput {
  /** Absolute path of the bundled preload (out/preload/preload.cjs). */
  preloadPath: string;
  /** Remembered bounds, already checked to be on a visible display. */
  bounds?: Rectangle;
}

export function buildWindowOptions({ preloadPath, bounds }: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...(bounds ?? DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: PRODUCT_NAME,
    // Shown on 'ready-to-show' so the user never sees an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
