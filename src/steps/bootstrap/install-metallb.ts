import { installOperatorStep } from './install-operator.js';

export const installMetallb = installOperatorStep('metallb');
