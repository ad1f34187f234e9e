// The embedded clusters a test file is running, with their last log lines (printed for a failing test only).
export interface SimLog {
  name: string;
  logs: string[];
}

export const runningSims = new Set<SimLog>();
