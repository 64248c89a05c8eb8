import { render } from 'preact';
import { t } from '../ui/i18n';
import { Welcome } from './Welcome';
import '../ui/tokens.css';
import '../ui/ui.css';
import '../options/options.css';
import './welcome.css';

document.title = t('welcomeDocTitle');
document.documentElement.lang = t('@@ui_locale').replace('_', '-') || 'en';
const root = document.getElementById('app');
if (root) render(<Welcome />, root);
