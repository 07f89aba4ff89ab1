/** Entry point: mounts the App into #root. */
import './zod-config.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { useLocaleStore } from './i18n/translate.js';
import './styles.css';

document.documentElement.lang = useLocaleStore.getState().locale;

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
