import { installOperatorStep } from './install-operator.js';

export const installLvms = installOperatorStep('lvms');
