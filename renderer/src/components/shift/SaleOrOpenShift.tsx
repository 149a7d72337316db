import { useAppStore } from '../../store';
import { SaleScreen } from '../../screens/SaleScreen';
import { ShiftOpenScreen } from './ShiftOpenScreen';

/** A cashier cannot sell before the shift is opened: the sale screen asks for the float first. */
export function SaleOrOpenShift() {
  const loaded = useAppStore((s) => s.shiftLoaded);
  const open = useAppStore((s) => s.shift !== null);
  if (!loaded) return null;
  return open ? <SaleScreen /> : <ShiftOpenScreen />;
}
