// One diagnosis: the problem, the evidence (objects and their messages) and the next step. Its own module so
// that rule modules and rules.ts import it one way.
export interface Finding {
  id: string;
  problem: string;
  evidence: string[];
  next: string;
}
