/** The Settings form's structured output control: labelled, a native select (keyboard reachable), translated. */
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { RoleFields } from '../../../../renderer/screens/settings/RoleFields.js';
import { useLocaleStore } from '../../../../renderer/i18n/translate.js';
import { useSettings } from '../../../../renderer/state/settings-store.js';

afterEach(() => useLocaleStore.getState().setLocale('en'));

function structuredControl(html: string) {
  const label = /<label for="([^"]+)">Structured output<\/label>/.exec(html) ?? /<label for="([^"]+)">结构化输出<\/label>/.exec(html);
  expect(label, 'a label for the control').not.toBeNull();
  const id = label![1]!;
  const select = new RegExp(`<select id="${id.replace(/[^\w]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  expect(select, 'the labelled control is a select').not.toBeNull();
  return { tag: select![0], options: [...select![1]!.matchAll(/<option value="(\w+)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]) };
}

describe('RoleFields: structured output', () => {
  it('is a labelled select with the three modes, described by its help text, showing the form value', () => {
    // Rendered on the server, the store's initial state is what shows: a new form is automatic.
    expect(useSettings.getInitialState().roles.navigator.form.structuredOutput).toBe('auto');
    const html = renderToStaticMarkup(<RoleFields role="navigator" />);
    const { tag, options } = structuredControl(html);
    expect(options.map((o) => o[0])).toEqual(['auto', 'on', 'off']);
    expect(options[0]![1]).toMatch(/^Automatic/);
    expect(tag).toMatch(/<option value="auto" selected="">/);
    const described = /aria-describedby="([^"]+)"/.exec(tag)![1]!;
    expect(html).toContain(`id="${described}"`);
    expect(html).toMatch(/response_format/);
  });

  it('is translated', () => {
    useLocaleStore.getState().setLocale('zh-CN');
    const { options } = structuredControl(renderToStaticMarkup(<RoleFields role="solver" />));
    expect(options[0]![1]).toMatch(/^自动/);
  });
});
