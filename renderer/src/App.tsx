/** The window's root: the app shell over the real transport (desktop preload or browser mode). */
import { App as Shell } from './app/App';
import type { Services } from './services/services';
import { api, desktopPathForFile, mediaUrl } from './transport';

const services: Services = { api, mediaUrl, pathForFile: desktopPathForFile };

export function App() {
  return <Shell services={services} />;
}
