import { installOperatorStep } from './install-operator.js';

export const installLocalStorage = installOperatorStep('local-storage');
