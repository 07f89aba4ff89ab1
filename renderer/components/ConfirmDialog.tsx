/**
 * A modal yes/no question on the native <dialog>: showModal() makes the rest of the page
 * inert (focus stays inside) and Escape cancels; focus goes back to where it was on close.
 */
import { useEffect, useId, useRef } from 'react';
import { useT } from '../i18n/translate.js';

interface Props {
  open: boolean;
  title: string;
  message: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
}

export function ConfirmDialog({ open, title, message, confirmLabel, onConfirm, onCancel }: Props) {
  const t = useT();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog || !open) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // The safe choice gets focus first, so Enter alone never deletes anything.
    cancelRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Tab') trapTab(event.currentTarget, event);
      }}
    >
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          <p id={messageId}>{message}</p>
          <div className="dialog-buttons">
            <button type="button" ref={cancelRef} onClick={onCancel}>
              {t('dialog.cancel')}
            </button>
            <button type="button" className="danger" onClick={onConfirm}>
              {confirmLabel}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  );
}

/** Keeps Tab and Shift+Tab cycling among the dialog's own buttons. */
function trapTab(dialog: HTMLElement, event: { shiftKey: boolean; preventDefault(): void }): void {
  const focusable = [...dialog.querySelectorAll<HTMLElement>('button:not([disabled]), [href], input, select, textarea')];
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) return;
  const active = document.activeElement;
  if (event.shiftKey && active === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && active === last) {
    event.preventDefault();
    first.focus();
  }
}
