import * as fs from 'node:fs';
import { DISK_SOURCE } from '../workspace/disk';
import type { ServerHost } from './host';
import { buildSiteInTemp } from './site';

/** The server on Node: the disk, and the site built into the system's temporary folder. */
export const NODE_HOST: ServerHost = {
  source: DISK_SOURCE,
  isFolder(file) {
    try {
      return fs.statSync(file).isDirectory();
    } catch {
      return false;
    }
  },
  buildSite: buildSiteInTemp,
};
