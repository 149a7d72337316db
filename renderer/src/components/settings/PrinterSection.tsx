import { useEffect, useState, type FormEvent } from 'react';
import {
  DEFAULT_PRINTER_PORT,
  paperWidths,
  printerCharsets,
  printerTransports,
  type PaperWidth,
  type PrintOutcome,
  type PrinterCharset,
  type PrinterLogo,
  type PrinterSettings,
  type PrinterTransport,
} from '../../../../shared/printer';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { useAppStore } from '../../store';
import { approvalFor } from '../../store/approval';
import { useErrorText, useT } from '../../i18n/useT';
import { logoFromFile } from '../../printer/logoFromFile';
import { isPrinterTrouble, printStateKeys } from '../../printer/printStatusText';

/**
 * Settings › Receipt printer: how receipts reach paper (the print dialog, a network printer's
 * raw port, an OS queue), the paper, the printer's Chinese character set, the logo and the
 * drawer; a test print, and "no sale" to open the drawer (audited, a manager's).
 */
export function PrinterSection() {
  const t = useT();
  const errorText = useErrorText();
  const managerApproval = useAppStore((s) => s.managerApproval);
  const notePrintStatus = useAppStore((s) => s.notePrintStatus);
  const approval = approvalFor(managerApproval, 'settings');
  const approvalPin = approval.managerPin;
  const [saved, setSaved] = useState<PrinterSettings | null>(null);
  const [transport, setTransport] = useState<PrinterTransport>('dialog');
  const [host, setHost] = useState('');
  const [port, setPort] = useState(String(DEFAULT_PRINTER_PORT));
  const [queue, setQueue] = useState('');
  const [paperWidth, setPaperWidth] = useState<PaperWidth>(80);
  const [charset, setCharset] = useState<PrinterCharset>('big5');
  const [drawer, setDrawer] = useState(true);
  const [logo, setLogo] = useState<PrinterLogo | null>(null);
  const [logoUnreadable, setLogoUnreadable] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<'saved' | PrintOutcome | null>(null);

  const show = (settings: PrinterSettings) => {
    setSaved(settings);
    setTransport(settings.transport);
    setHost(settings.host ?? '');
    setPort(String(settings.port));
    setQueue(settings.queue ?? '');
    setPaperWidth(settings.paperWidth);
    setCharset(settings.charset);
    setDrawer(settings.drawer);
    setLogo(settings.logo);
  };

  useEffect(() => {
    const input = approvalPin ? { managerPin: approvalPin } : {};
    void api.invoke('printer.settings', input).then((answer) => {
      if (answer.ok) show(answer.value);
      else setError(answer.error);
    });
  }, [approvalPin]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const portNumber = Number(port);
    const answer = await api.invoke('printer.configure', {
      settings: {
        transport,
        host: transport === 'network' && host.trim() !== '' ? host.trim() : null,
        port: Number.isInteger(portNumber) ? portNumber : -1,
        queue: transport === 'queue' && queue.trim() !== '' ? queue.trim() : null,
        paperWidth,
        charset,
        drawer,
        logo,
      },
      ...approval,
    });
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setError(null);
    setDone('saved');
    show(answer.value);
  }

  async function run(name: 'printer.testPrint' | 'printer.openDrawer') {
    setBusy(true);
    setDone(null);
    const answer =
      name === 'printer.testPrint'
        ? await api.invoke('printer.testPrint', approval)
        : await api.invoke('printer.openDrawer', {
            ...(reason.trim() !== '' ? { reason: reason.trim() } : {}),
            ...approval,
          });
    setBusy(false);
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setError(null);
    notePrintStatus(answer.value.status);
    setDone(answer.value);
    if (name === 'printer.openDrawer') setReason('');
  }

  async function chooseLogo(file: File | undefined) {
    if (!file) return;
    const read = await logoFromFile(file);
    setLogoUnreadable(read === null);
    if (read) setLogo(read);
  }

  // Test print and "no sale" act on the saved printer, not on the form being edited.
  const printerSaved = saved !== null && saved.transport !== 'dialog';
  return (
    <section className="card printer-settings" aria-labelledby="settings-printer">
      <h2 id="settings-printer">{t('printer.title')}</h2>
      <p className="hint">{t('printer.explain')}</p>
      <form className="form" onSubmit={save} noValidate>
        <fieldset>
          <legend>{t('printer.transport')}</legend>
          {printerTransports.map((option) => (
            <label key={option} className="radio">
              <input
                type="radio"
                name="printer-transport"
                value={option}
                checked={transport === option}
                onChange={() => setTransport(option)}
              />
              {t(`printer.transport.${option}`)}
            </label>
          ))}
        </fieldset>
        {transport === 'network' && (
          <>
            <label>
              {t('printer.host')}
              <input
                value={host}
                onChange={(e) => setHost(e.target.value)}
                autoComplete="off"
                spellCheck={false}
                maxLength={253}
                placeholder="192.168.1.50"
                aria-invalid={error?.field === 'settings.host'}
              />
            </label>
            <label>
              {t('printer.port')}
              <input
                value={port}
                onChange={(e) => setPort(e.target.value)}
                inputMode="numeric"
                maxLength={5}
              />
            </label>
          </>
        )}
        {transport === 'queue' && (
          <label>
            {t('printer.queue')}
            <input
              value={queue}
              onChange={(e) => setQueue(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={127}
              aria-invalid={error?.field === 'settings.queue'}
            />
          </label>
        )}
        {transport !== 'dialog' && (
          <>
            <fieldset>
              <legend>{t('printer.paper')}</legend>
              {paperWidths.map((width) => (
                <label key={width} className="radio">
                  <input
                    type="radio"
                    name="printer-paper"
                    value={width}
                    checked={paperWidth === width}
                    onChange={() => setPaperWidth(width)}
                  />
                  {t(`printer.paper.${width}`)}
                </label>
              ))}
            </fieldset>
            <label>
              {t('printer.charset')}
              <select
                value={charset}
                onChange={(e) => setCharset(e.target.value as PrinterCharset)}
              >
                {printerCharsets.map((option) => (
                  <option key={option} value={option}>
                    {t(`printer.charset.${option}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={drawer}
                onChange={(e) => setDrawer(e.target.checked)}
              />
              {t('printer.drawer')}
            </label>
            <label>
              {t('printer.logo')}
              <input
                type="file"
                accept="image/png,image/jpeg,image/gif,image/bmp,image/webp"
                onChange={(e) => void chooseLogo(e.target.files?.[0])}
              />
            </label>
            <p className="hint" data-testid="printer-logo">
              {logo
                ? t('printer.logoSize', { width: logo.width, height: logo.height })
                : t('printer.logoNone')}
            </p>
            {logoUnreadable && (
              <p className="error" role="alert">
                {t('printer.logoUnreadable')}
              </p>
            )}
            {logo && (
              <button type="button" onClick={() => setLogo(null)}>
                {t('printer.logoRemove')}
              </button>
            )}
          </>
        )}
        {error && (
          <p className="error" role="alert">
            {errorText(error)}
          </p>
        )}
        {done === 'saved' && (
          <p className="ok" role="status">
            {t('printer.saved')}
          </p>
        )}
        {done !== null && done !== 'saved' && (
          <p
            className={isPrinterTrouble(done.status) ? 'printer-trouble' : 'ok'}
            role={isPrinterTrouble(done.status) ? 'alert' : 'status'}
            data-testid="printer-outcome"
          >
            {t(printStateKeys[done.status])}
            {done.drawerOpened && ` ${t('printer.drawerOpened')}`}
          </p>
        )}
        <button type="submit" className="primary">
          {t('printer.save')}
        </button>
        {printerSaved && (
          <button type="button" disabled={busy} onClick={() => void run('printer.testPrint')}>
            {t('printer.testPrint')}
          </button>
        )}
        {printerSaved && saved.drawer && (
          <>
            <label>
              {t('printer.noSaleReason')}
              <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
            </label>
            <button type="button" disabled={busy} onClick={() => void run('printer.openDrawer')}>
              {t('printer.noSale')}
            </button>
          </>
        )}
      </form>
    </section>
  );
}
