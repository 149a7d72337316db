import { create } from 'zustand';
import { createMemberSlice } from './memberSlice';
import { createProgramSlice } from './programSlice';
import { createSaleSlice } from './saleSlice';
import { createTerminalSlice } from './terminalSlice';
import { createUiSlice } from './uiSlice';
import { createStaffSlice } from './staffSlice';
import { createAnalyticsSlice } from './analyticsSlice';
import type { AppState } from './types';

/** One store made of slices; components select single fields or use useShallow. */
export const useAppStore = create<AppState>()((...a) => ({
  ...createTerminalSlice(...a),
  ...createMemberSlice(...a),
  ...createSaleSlice(...a),
  ...createProgramSlice(...a),
  ...createUiSlice(...a),
  ...createStaffSlice(...a),
  ...createAnalyticsSlice(...a),
}));
