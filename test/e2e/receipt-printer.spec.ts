import { expect, ringUp, setUpTerminal, test } from './fixtures';
import { startFakePrinter, type FakePrinter } from '../printer/fakePrinter';

/**
 * A thermal printer on the network, as a manager sets it up in Settings and a cashier sells
 * with it: the fake printer on loopback parses the ESC/POS the terminal sends.
 */
let printer: FakePrinter;

test.afterEach(async () => {
  await printer?.close();
});

test('a network printer set up in Settings prints a cash sale with the drawer pulse; out of paper is said and the sale stands', async ({
  page,
  terminal,
}) => {
  printer = await startFakePrinter({ charset: 'big5' });
  await setUpTerminal(page, terminal);

  await page.keyboard.press('F8');
  const section = page.getByRole('region', { name: 'Receipt printer and cash drawer' });
  await section.getByLabel('A network printer (raw TCP)').check();
  await section.getByLabel('Printer address').fill('127.0.0.1');
  await section.getByLabel('Port').fill(String(printer.port));
  await section.getByLabel('58 mm (32 columns)').check();
  await section.getByRole('button', { name: 'Save printer' }).click();
  await expect(section.getByText('Printer saved.')).toBeVisible();
  await section.getByRole('button', { name: 'Test print' }).click();
  await expect(section.getByTestId('printer-outcome')).toHaveText('Printed.');
  const testPage = await printer.nextJob();
  expect(testPage.lines.map((line) => line.trim())).toContain('Test print');
  expect(testPage.pulses).toEqual([]);

  // A cash sale: the receipt prints by itself once the sale is saved, and the drawer opens.
  await page.keyboard.press('F2');
  await ringUp(page, '42', 'Jasmine tea');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-total')).toHaveText('HK$42.00');
  await expect(page.getByTestId('print-status')).toHaveText('Printed. Drawer opened.');
  const receipt = await printer.nextJob();
  expect(receipt.unknown).toEqual([]);
  expect(receipt.pulses).toHaveLength(1);
  expect(receipt.cuts).toBe(1);
  expect(receipt.lines.map((line) => line.trim())).toContain('Mong Kok Flagship');
  const item = receipt.lines.find((line) => line.startsWith('Jasmine tea'));
  expect(item).toMatch(/^Jasmine tea +HK\$42\.00$/);
  expect(item).toHaveLength(32);

  // A reprint prints again without opening the drawer.
  await page.getByRole('button', { name: 'Print receipt' }).click();
  await expect(page.getByTestId('print-status')).toHaveText('Printed.');
  expect((await printer.nextJob()).pulses).toEqual([]);

  // Out of paper: the sale is saved all the same, and the cashier is told.
  printer.state = 'paper_out';
  await page.getByRole('button', { name: 'Next sale' }).click();
  await ringUp(page, '18', 'Lemon tea');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('print-status')).toHaveText(
    'Out of paper: the receipt did not print. The sale is saved. Load paper and print it again. Drawer opened.',
  );
  await expect(page.getByTestId('print-status')).toHaveAttribute('role', 'alert');
  const paperOut = await printer.nextJob();
  expect(paperOut.cuts).toBe(0);
  expect(paperOut.pulses).toHaveLength(1);
  // The sale screen keeps saying so until a receipt prints.
  await page.getByRole('button', { name: 'Next sale' }).click();
  await expect(page.getByTestId('printer-trouble')).toContainText('The printer is out of paper.');

  // Paper loaded: the sale is in the list, and its reprint prints, without the drawer.
  printer.state = 'ready';
  await page.keyboard.press('F6');
  const sales = page.getByRole('table', { name: 'Recent sales' });
  await expect(sales).toContainText('HK$18.00');
  await sales.getByRole('button').first().click();
  await page.getByRole('button', { name: 'Reprint receipt' }).click();
  await expect(page.getByTestId('print-status')).toHaveText('Printed.');
  const reprint = await printer.nextJob();
  expect(reprint.pulses).toEqual([]);
  expect(reprint.lines.some((line) => /^Lemon tea +HK\$18\.00$/.test(line))).toBe(true);
  await page.keyboard.press('F2');
  await expect(page.getByRole('heading', { name: 'New sale' })).toBeVisible();
  await expect(page.getByTestId('printer-trouble')).toHaveCount(0);
});
