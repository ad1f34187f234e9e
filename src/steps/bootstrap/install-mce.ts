import { installOperatorStep } from './install-operator.js';

export const installMce = installOperatorStep('mce');
