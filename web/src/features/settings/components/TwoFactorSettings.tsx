import { useMutation } from '@tanstack/react-query';
import { QRCodeSVG } from 'qrcode.react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Input, toast } from '@/components/ui';
import { errorMessage } from '@/lib/errors';
import { useSession } from '@/lib/session';
import type { Me } from '@/lib/types';
import { disableTwoFactor, enableTwoFactor, setupTwoFactor } from '../api/settings';

const isCode = (code: string) => /^\d{6}$/.test(code.trim());

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="success" title={t('settings.twoFactor.enabled')}>
        {t('settings.twoFactor.recoveryHelp')}
      </Alert>
      <ul className="grid grid-cols-2 gap-2 rounded-xl bg-surface-2 p-4 font-mono text-sm" dir="ltr">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(codes.join('\n'))}>
          {t('settings.twoFactor.copy')}
        </Button>
        <Button onClick={onDone}>{t('settings.twoFactor.saved')}</Button>
      </div>
    </div>
  );
}

function EnableTwoFactor({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const [recovery, setRecovery] = useState<string[] | null>(null);
  const setup = useMutation({ mutationFn: setupTwoFactor });
  const enable = useMutation({
    mutationFn: enableTwoFactor,
    onSuccess: (result) => setRecovery(result.recovery_codes ?? []),
  });

  if (recovery) {
    return (
      <RecoveryCodes
        codes={recovery}
        onDone={() => {
          useSession.getState().setUser({ ...me, totp_enabled: true });
          toast.success(t('settings.twoFactor.enabled'));
        }}
      />
    );
  }

  if (!setup.data) {
    return (
      <form
        noValidate
        className="flex max-w-md flex-col items-start gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          setup.mutate(password);
        }}
      >
        <p className="text-sm text-muted">{t('settings.twoFactor.intro')}</p>
        {setup.isError ? <Alert tone="error">{errorMessage(setup.error, t)}</Alert> : null}
        <Input
          label={t('auth.fields.password')}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className="w-full"
        />
        <Button type="submit" loading={setup.isPending} disabled={!password}>
          {t('settings.twoFactor.start')}
        </Button>
      </form>
    );
  }

  const uri = setup.data.otpauth_uri;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isCode(code)) return setCodeError(t('validation.otp_format'));
    setCodeError(undefined);
    enable.mutate(code.trim());
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <ol className="list-decimal space-y-1 ps-5 text-sm">
        <li>{t('settings.twoFactor.step1')}</li>
        <li>{t('settings.twoFactor.step2')}</li>
      </ol>
      <div className="flex flex-wrap items-center gap-5">
        {uri ? (
          <div className="rounded-xl bg-white p-3">
            <QRCodeSVG value={uri} size={168} title={t('settings.twoFactor.qrLabel')} />
          </div>
        ) : null}
        <div className="min-w-0">
          <p className="text-sm text-muted">{t('settings.twoFactor.manual')}</p>
          <code dir="ltr" className="mt-1 block break-all rounded-lg bg-surface-2 px-3 py-2 font-mono text-sm">
            {setup.data.secret}
          </code>
        </div>
      </div>
      {enable.isError ? <Alert tone="error">{errorMessage(enable.error, t)}</Alert> : null}
      <Input
        label={t('settings.twoFactor.code')}
        inputMode="numeric"
        autoComplete="one-time-code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        error={codeError}
        className="max-w-xs"
      />
      <div>
        <Button type="submit" loading={enable.isPending}>
          {t('settings.twoFactor.enable')}
        </Button>
      </div>
    </form>
  );
}

function DisableTwoFactor({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const disable = useMutation({
    mutationFn: () => disableTwoFactor(password, code.trim()),
    onSuccess: () => {
      useSession.getState().setUser({ ...me, totp_enabled: false });
      toast.success(t('settings.twoFactor.disabled'));
    },
  });
  return (
    <form
      noValidate
      className="flex max-w-md flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        disable.mutate();
      }}
    >
      <Alert tone="success">{t('settings.twoFactor.on')}</Alert>
      {disable.isError ? <Alert tone="error">{errorMessage(disable.error, t)}</Alert> : null}
      <Input
        label={t('auth.fields.password')}
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
      />
      <Input
        label={t('settings.twoFactor.codeOrRecovery')}
        autoComplete="one-time-code"
        value={code}
        onChange={(e) => setCode(e.target.value)}
      />
      <div>
        <Button type="submit" variant="danger" loading={disable.isPending} disabled={!password || !code}>
          {t('settings.twoFactor.disable')}
        </Button>
      </div>
    </form>
  );
}

export function TwoFactorSettings({ me }: { me: Me }) {
  return me.totp_enabled ? <DisableTwoFactor me={me} /> : <EnableTwoFactor me={me} />;
}
