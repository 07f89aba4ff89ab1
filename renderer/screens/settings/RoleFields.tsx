/** One model role's form: preset, base URL, model, write-only API key, sampling, test and save. */
import { useId } from 'react';
import { STRUCTURED_OUTPUT_MODES, type ModelRole, type StructuredOutputMode } from '../../../shared/tutor.js';
import { ErrorMessage } from '../../components/ErrorMessage.js';
import { useT } from '../../i18n/translate.js';
import { storedKeyWithheld, useSettings, type FormField, type RoleForm } from '../../state/settings-store.js';
import { useNotices } from '../../state/notices-store.js';
import { ConnectionResult } from './ConnectionResult.js';

export function RoleFields({ role }: { role: ModelRole }) {
  const t = useT();
  const ui = useSettings((s) => s.roles[role]);
  const current = useSettings((s) => s.view?.[role] ?? null);
  const note = useSettings((s) => s.view?.secretStorageNote ?? null);
  const presets = useSettings((s) => s.presets);
  const edit = useSettings((s) => s.edit);
  const applyPreset = useSettings((s) => s.applyPreset);
  const testConnection = useSettings((s) => s.testConnection);
  const save = useSettings((s) => s.save);
  const ids = { preset: useId(), key: useId(), keyHelp: useId(), note: useId(), other: useId(), structured: useId(), structuredHelp: useId() };
  const withheld = storedKeyWithheld(ui.form, current);
  const described = [ids.keyHelp, withheld ? ids.other : '', note ? ids.note : ''].filter(Boolean).join(' ');
  const legend = t(`settings.role.${role}`);

  const onSave = async () => {
    if (await save(role)) useNotices.getState().notify(t('settings.saved', { role: legend }));
  };

  return (
    <fieldset className="role-form">
      <legend>{legend}</legend>
      {current ? <p className="hint">{t(`settings.source.${current.source}`)}</p> : null}
      <div className="form-grid">
        <label htmlFor={ids.preset}>{t('settings.preset')}</label>
        <select id={ids.preset} value="" onChange={(event) => applyPreset(role, event.target.value)}>
          <option value="">{t('settings.presetChoose')}</option>
          {presets.map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.label}
            </option>
          ))}
        </select>
        <TextField role={role} field="baseUrl" label={t('settings.baseUrl')} form={ui.form} type="url" placeholder={t('settings.baseUrlPlaceholder')} />
        <TextField role={role} field="model" label={t('settings.model')} form={ui.form} />

        <label htmlFor={ids.key}>{t('settings.apiKey')}</label>
        <div className="field-stack">
          <input
            id={ids.key}
            type="password"
            autoComplete="off"
            value={ui.form.apiKey}
            placeholder={withheld ? t('settings.apiKeyRetype') : current?.apiKeyMask ? t('settings.apiKeyKeep') : t('settings.apiKeyNone')}
            aria-describedby={described}
            onChange={(event) => edit(role, { apiKey: event.target.value })}
          />
          <p id={ids.keyHelp} className="hint">
            {current?.apiKeyMask ? t('settings.apiKeyStored', { mask: current.apiKeyMask }) : t('settings.apiKeyNotStored')}
          </p>
          {withheld && current ? (
            <p id={ids.other} className="field-error" data-testid="key-other-address">
              {t('settings.apiKeyOtherAddress', { url: current.baseUrl })}
            </p>
          ) : null}
          {note ? (
            <p id={ids.note} className="secret-note">
              {note}
            </p>
          ) : null}
          {current?.apiKeyMask ? (
            <label className="checkbox-field">
              <input type="checkbox" checked={ui.form.clearKey} onChange={(event) => edit(role, { clearKey: event.target.checked })} />
              {t('settings.apiKeyClear')}
            </label>
          ) : null}
        </div>

        <TextField role={role} field="temperature" label={t('settings.temperature')} form={ui.form} inputMode="decimal" />
        <TextField role={role} field="topP" label={t('settings.topP')} form={ui.form} inputMode="decimal" />
        <TextField role={role} field="maxTokens" label={t('settings.maxTokens')} form={ui.form} inputMode="numeric" />

        <label htmlFor={ids.structured}>{t('settings.structuredOutput')}</label>
        <div className="field-stack">
          <select
            id={ids.structured}
            value={ui.form.structuredOutput}
            aria-describedby={ids.structuredHelp}
            onChange={(event) => edit(role, { structuredOutput: event.target.value as StructuredOutputMode })}
          >
            {STRUCTURED_OUTPUT_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(`settings.structuredOutput.${mode}`)}
              </option>
            ))}
          </select>
          <p id={ids.structuredHelp} className="hint">
            {t('settings.structuredOutputHelp')}
          </p>
        </div>
      </div>
      <div className="button-row">
        <button type="button" onClick={() => void testConnection(role)} disabled={ui.testing}>
          {ui.testing ? t('settings.testing') : t('settings.test')}
        </button>
        <button type="button" className="primary" onClick={() => void onSave()} disabled={ui.saving}>
          {t('settings.save')}
        </button>
      </div>
      <ConnectionResult role={role} />
      {ui.saveError ? <ErrorMessage error={ui.saveError} title={t('settings.saveFailed')} /> : null}
    </fieldset>
  );
}

interface TextFieldProps {
  role: ModelRole;
  field: FormField;
  label: string;
  form: RoleForm;
  type?: 'text' | 'url';
  placeholder?: string;
  inputMode?: 'decimal' | 'numeric';
}

/** A labelled input whose validation message is tied to it (aria-invalid + aria-describedby). */
function TextField({ role, field, label, form, type = 'text', placeholder, inputMode }: TextFieldProps) {
  const t = useT();
  const error = useSettings((s) => s.roles[role].errors[field]);
  const edit = useSettings((s) => s.edit);
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div className="field-stack">
        <input
          id={id}
          type={type}
          value={form[field]}
          placeholder={placeholder}
          inputMode={inputMode}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={(event) => edit(role, { [field]: event.target.value })}
        />
        {error ? (
          <p id={errorId} className="field-error">
            {t(error)}
          </p>
        ) : null}
      </div>
    </>
  );
}
