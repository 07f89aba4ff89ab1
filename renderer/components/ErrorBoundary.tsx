/** Catches a render crash in one screen and shows a friendly way out instead of a blank page. */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '../i18n/translate.js';

interface Props {
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Keep the technical trail for whoever opens the developer console.
    console.error('Screen crashed', error, info.componentStack);
  }

  private readonly retry = () => this.setState({ error: null });

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h2>{t('crash.title')}</h2>
        <p>{t('crash.message')}</p>
        <p className="crash-detail">{this.state.error.message}</p>
        <button type="button" onClick={this.retry}>
          {t('crash.retry')}
        </button>
      </div>
    );
  }
}
