// infra-credentials: the options and the state its steps share.
import type { Step, StepContext } from '../../run/step.js';

export interface InfraCredentialsOptions {
  namespace: string;
  out: string;
  force: boolean;
  /** The management kubeconfig given with --kubeconfig (never written over). */
  kubeconfig?: string;
  /** The infrastructure cluster's server and CA, for the kubeconfig. */
  server: string;
  caData?: string;
  insecure?: boolean;
  timeoutMs: number;
}

export interface InfraCredentialsState {
  token?: string;
}

export type InfraCredentialsContext = StepContext<InfraCredentialsOptions, InfraCredentialsState>;
export type InfraCredentialsStep = Step<InfraCredentialsOptions, InfraCredentialsState>;
