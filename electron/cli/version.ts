/** The package version, from package.json (only this field is bundled into the build). */
import { version } from '../../package.json';

export const VERSION: string = version;
