/** Entry point: mounts the app into index.html's #root. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element to mount Lantern into.');

createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
