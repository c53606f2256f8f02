import * as path from 'node:path';
import { CONFIG_FILE } from '../service';

/** Where a workspace is: its root folder and, when it has one, its config file. */
export interface WorkspaceLocation {
  root: string;
  configPath?: string;
}

/** What the search asks of the disk; tests pass their own. */
export interface Probe {
  isFile(file: string): boolean;
  exists(file: string): boolean;
}

/**
 * The workspace of a document in `folder` (the document model, "Where a document's workspace
 * is"): the nearest folder at or above `folder` holding `charters.config.yaml`, searching no
 * higher than the first folder that holds `.git`; without a config, that git root; without
 * one, `fallback` (the folder named on the command line, or the editor's workspace folder).
 */
export function locateWorkspace(folder: string, fallback: string, probe: Probe): WorkspaceLocation {
  return new Locator(probe).locate(folder, fallback);
}

/** `locateWorkspace` with the answer for each folder remembered (a new `Workspaces` starts afresh). */
export class Locator {
  /** Per folder: the config or git root found at or above it; null when there is neither. */
  private readonly found = new Map<string, WorkspaceLocation | null>();

  constructor(private readonly probe: Probe) {}

  locate(folder: string, fallback: string): WorkspaceLocation {
    return this.search(path.resolve(folder)) ?? { root: path.resolve(fallback) };
  }

  private search(folder: string): WorkspaceLocation | null {
    const known = this.found.get(folder);
    if (known !== undefined) return known;
    let result: WorkspaceLocation | null;
    const configPath = path.join(folder, CONFIG_FILE);
    const parent = path.dirname(folder);
    if (this.probe.isFile(configPath)) result = { root: folder, configPath };
    else if (this.probe.exists(path.join(folder, '.git'))) result = { root: folder };
    else result = parent === folder ? null : this.search(parent);
    this.found.set(folder, result);
    return result;
  }
}
