/** Labelled form fields whose DOM ids follow validator paths, so an issue can focus its field. */
import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../../i18n/translate.js';
import { fieldId } from './draft-model.js';

interface TextFieldProps {
  path: string;
  label: string;
  value: string;
  onChange(value: string): void;
  multiline?: boolean;
  hint?: string;
}

export function TextField({ path, label, value, onChange, multiline = false, hint }: TextFieldProps) {
  const id = fieldId(path);
  const hintId = `${id}-hint`;
  const common = {
    id,
    value,
    'aria-describedby': hint ? hintId : undefined,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  return (
    <div className="author-field">
      <label htmlFor={id}>{label}</label>
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}

interface ListFieldProps {
  path: string;
  legend: string;
  values: string[];
  onChange(values: string[]): void;
  itemLabel(index: number): string;
  removeLabel(index: number): string;
  addLabel: string;
  multiline?: boolean;
  hint?: string;
  children?: ReactNode;
}

/** A list of texts as rows: each row a labelled box with its Remove button; Add appends one. */
export function ListField({ path, legend, values, onChange, itemLabel, removeLabel, addLabel, multiline = false, hint }: ListFieldProps) {
  const t = useT();
  const focusIndex = useRef<number | null>(null);
  const listId = fieldId(path);

  // After Add or Remove, keep the keyboard where the teacher is working.
  useEffect(() => {
    if (focusIndex.current === null) return;
    const index = Math.min(focusIndex.current, values.length - 1);
    focusIndex.current = null;
    const target = index >= 0 ? document.getElementById(fieldId(`${path}[${index}]`)) : document.getElementById(`${listId}-add`);
    target?.focus();
  }, [values.length, path, listId]);

  return (
    <fieldset className="list-field" id={listId}>
      <legend>{legend}</legend>
      {hint ? <p className="hint">{hint}</p> : null}
      <ol>
        {values.map((value, i) => {
          const id = fieldId(`${path}[${i}]`);
          const change = (event: { target: { value: string } }) => onChange(values.map((v, j) => (j === i ? event.target.value : v)));
          return (
            <li key={i}>
              <label htmlFor={id} className="visually-hidden">
                {itemLabel(i)}
              </label>
              {multiline ? <textarea id={id} rows={2} value={value} onChange={change} /> : <input id={id} type="text" value={value} onChange={change} />}
              <button
                type="button"
                aria-label={removeLabel(i)}
                onClick={() => {
                  focusIndex.current = i;
                  onChange(values.filter((_, j) => j !== i));
                }}
              >
                {t('author.remove')}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        id={`${listId}-add`}
        onClick={() => {
          focusIndex.current = values.length;
          onChange([...values, '']);
        }}
      >
        {addLabel}
      </button>
    </fieldset>
  );
}

/** Focus the field of a validator path, or the nearest enclosing field that exists. */
export function focusPath(path: string): boolean {
  let current = path;
  for (;;) {
    const element = document.getElementById(fieldId(current));
    if (element) {
      const target = element.matches('input, textarea, select, button')
        ? element
        : element.querySelector<HTMLElement>('input, textarea, select, button');
      if (target) {
        target.focus();
        return true;
      }
    }
    const parent = current.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
    if (parent === current || parent === '') return false;
    current = parent;
  }
}
