import { Alert, Button, DatePicker, Form, Input, Popconfirm, Space, message } from 'antd';
import type { ButtonProps, FormInstance } from 'antd';
import dayjs from 'dayjs';
import { createContext, ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { ApiError, newIdempotencyKey } from './api';
import { errorText } from './errors';
import { useI18n } from './i18n';
import { fenToYuanText, parseYuan } from '@shared/money';
import { FieldLookup, rulesFor, useSchema } from './schema';

const SchemaContext = createContext<FieldLookup | undefined>(undefined);

export interface ApiFormProps<V, R> {
  /** The request schema in the API's OpenAPI document; field rules come from it. */
  schema?: string;
  form?: FormInstance<V>;
  initialValues?: Partial<V>;
  /** Sends the request. The key stays the same while the values stay the same, so a retry cannot act twice. */
  submit(values: V, idempotencyKey: string): Promise<R>;
  onDone?(result: R, values: V): void;
  submitLabel?: ReactNode;
  successMessage?: string;
  layout?: 'vertical' | 'horizontal' | 'inline';
  extraButtons?: ReactNode;
  onValuesChange?(changed: Partial<V>, all: V): void;
  children: ReactNode;
  testId?: string;
}

/**
 * A form that validates as the API does (rules from the OpenAPI schema), sends one Idempotency-Key per
 * intent, and puts the API's field errors on the fields they name.
 */
export function ApiForm<V extends object, R>(props: ApiFormProps<V, R>) {
  const { t } = useI18n();
  const [own] = Form.useForm<V>();
  const form = props.form ?? own;
  const lookup = useSchema(props.schema);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string>();
  const key = useRef(newIdempotencyKey());

  const onFinish = async (values: V) => {
    setPending(true);
    setProblem(undefined);
    try {
      const result = await props.submit(values, key.current);
      key.current = newIdempotencyKey();
      if (props.successMessage) void message.success(props.successMessage);
      props.onDone?.(result, values);
    } catch (err) {
      if (err instanceof ApiError && err.fieldProblems.length) {
        const registered = new Set(form.getFieldsError().map((f) => f.name.join('.')));
        const known = new Set<string>();
        const byField = new Map<string, string[]>();
        for (const p of err.fieldProblems) byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
        const fields = [...byField].flatMap(([field, errors]) => {
          const name = field.split(/[.[\]]/).filter(Boolean).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
          if (!registered.has(name.join('.'))) return [];
          known.add(field);
          return [{ name: name as never, errors }];
        });
        form.setFields(fields);
        const rest = err.fieldProblems.filter((p) => !known.has(p.field));
        setProblem(rest.length ? rest.map((p) => `${p.field}: ${p.message}`).join('；') : t('form.fixFields'));
      } else {
        setProblem(errorText(err, t));
      }
    } finally {
      setPending(false);
    }
  };

  return (
    <SchemaContext.Provider value={lookup}>
      <Form<V>
        form={form}
        layout={props.layout ?? 'vertical'}
        initialValues={props.initialValues}
        onFinish={onFinish}
        onValuesChange={(changed, all) => {
          key.current = newIdempotencyKey();
          props.onValuesChange?.(changed, all);
        }}
        data-testid={props.testId}
        scrollToFirstError
      >
        {props.children}
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Space>
          <Button type="primary" htmlType="submit" loading={pending} data-testid="form-submit">
            {props.submitLabel ?? t('form.submit')}
          </Button>
          {props.extraButtons}
        </Space>
      </Form>
    </SchemaContext.Provider>
  );
}

export interface FieldProps {
  name: string | (string | number)[];
  label: ReactNode;
  children: ReactNode;
  help?: ReactNode;
  extra?: ReactNode;
  /** Rules in addition to the schema's (cross-field checks). */
  rules?: import('antd/es/form').Rule[];
  valuePropName?: string;
  hidden?: boolean;
}

/** A form item whose rules come from the form's API schema. */
export function Field(props: FieldProps) {
  const { t } = useI18n();
  const lookup = useContext(SchemaContext);
  const path = Array.isArray(props.name) ? props.name : [props.name];
  const last = String(path[path.length - 1]);
  const rules = [...rulesFor(lookup?.(path), last, t), ...(props.rules ?? [])];
  return (
    <Form.Item name={props.name} label={props.label} rules={rules} help={props.help} extra={props.extra} valuePropName={props.valuePropName} hidden={props.hidden}>
      {props.children}
    </Form.Item>
  );
}

/** Amounts typed in yuan, held as integer fen. Text that is not an amount becomes NaN and fails validation. */
export function MoneyInput(props: { value?: number; onChange?(fen: number | undefined): void; placeholder?: string; disabled?: boolean; id?: string }) {
  const [text, setText] = useState(fenToYuanText(props.value));
  useEffect(() => {
    const current = parseYuan(text);
    if (props.value !== current && !(Number.isNaN(props.value) && Number.isNaN(current))) setText(fenToYuanText(props.value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.value]);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Space.Addon>¥</Space.Addon>
      <Input
        id={props.id}
        inputMode="decimal"
        value={text}
        placeholder={props.placeholder ?? '0.00'}
        disabled={props.disabled}
        onChange={(e) => {
          setText(e.target.value);
          props.onChange?.(parseYuan(e.target.value));
        }}
      />
    </Space.Compact>
  );
}

/** A date held as the API's `YYYY-MM-DD` text. */
export function DateInput(props: { value?: string; onChange?(date: string | undefined): void; id?: string }) {
  return (
    <DatePicker
      id={props.id}
      value={props.value ? dayjs(props.value) : null}
      onChange={(d) => props.onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      style={{ width: '100%' }}
    />
  );
}

export interface ActionButtonProps extends Omit<ButtonProps, 'onClick'> {
  /** Performs the state change; receives the Idempotency-Key of this intent. */
  action(idempotencyKey: string): Promise<unknown>;
  onDone?(result: unknown): void;
  confirm?: ReactNode;
  successMessage?: string;
}

/** A button that performs one state change, with progress, an Idempotency-Key and the API's error shown. */
export function ActionButton({ action, onDone, confirm, successMessage, children, ...rest }: ActionButtonProps) {
  const { t } = useI18n();
  const [pending, setPending] = useState(false);
  const key = useRef(newIdempotencyKey());
  const run = async () => {
    setPending(true);
    try {
      const result = await action(key.current);
      key.current = newIdempotencyKey();
      void message.success(successMessage ?? t('action.done'));
      onDone?.(result);
    } catch (err) {
      // A refused change did nothing: the next click is a new intent. A change that may have been carried out keeps its
      // key, so that the retry is answered with its outcome instead of carrying it out again (ApiError.keepsIdempotencyKey).
      if (!(err instanceof ApiError && err.keepsIdempotencyKey)) key.current = newIdempotencyKey();
      void message.error(errorText(err, t), 6);
    } finally {
      setPending(false);
    }
  };
  const button = (
    <Button {...rest} loading={pending} onClick={confirm ? undefined : () => void run()}>
      {children}
    </Button>
  );
  return confirm ? (
    <Popconfirm title={confirm} onConfirm={() => void run()} okText={t('action.confirm')} cancelText={t('action.cancel')}>
      {button}
    </Popconfirm>
  ) : (
    button
  );
}
