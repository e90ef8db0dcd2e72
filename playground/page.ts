/**
 * The playground in the exported article: controls with the run's settings (overridden by the
 * link's hash), Train and Stop, the attention and training charts redrawn every epoch, the training
 * log. Its state is on the element for scripts and tests: data-state (idle, training, done,
 * error) and, when done, data-attention (the averaged attention, JSON) and data-val-acc.
 */
import workerSource from 'playground:worker-source';
import {
  type PlaygroundControl, playgroundClass, playgroundControls, type PlaygroundSettings,
} from '../src/notebook/playground-element';
import { chartDrawer } from './charts';
import type { TrainRequest, WorkerMessage } from './messages';
import { formatHash, numberOf, parseHash } from './settings';
import { playgroundStyles } from './styles';

type State = 'idle' | 'training' | 'done' | 'error';

const labels: Record<PlaygroundControl, string> = {
  attention_column: 'Label in column',
  input_dim: 'Input columns',
  n: 'Samples',
  epochs: 'Epochs',
  seed: 'Seed',
};

/** The backend a run took, and why: wasm is the one measured faster for this network (docs/BENCHMARKS.md), and the one bundled. */
function describeBackend(name: string): string {
  return name === 'wasm' ? "on tfjs's wasm backend (measured faster than its cpu backend for this network)" : `on tfjs's ${name} backend`;
}

const workerUrl = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  made.className = className;
  made.textContent = text;
  return made;
}

function mount(root: HTMLElement): void {
  const defaults = JSON.parse(root.dataset.defaults ?? '{}') as PlaygroundSettings;
  const form = element('form', 'ap-controls');
  const inputs = {} as Record<PlaygroundControl, HTMLInputElement>;
  for (const name of playgroundControls) {
    const label = element('label', 'ap-control', labels[name]);
    const input = element('input', 'ap-input');
    input.type = 'number';
    input.name = name;
    input.value = String(defaults[name]);
    label.append(input);
    form.append(label);
    inputs[name] = input;
  }
  const trainButton = element('button', 'ap-train', 'Train');
  const stopButton = element('button', 'ap-stop', 'Stop');
  stopButton.type = 'button';
  stopButton.disabled = true;
  form.append(trainButton, stopButton);
  const status = element('p', 'ap-status');
  status.setAttribute('role', 'status');
  const attentionHolder = element('div', 'ap-chart ap-attention');
  const curvesHolder = element('div', 'ap-chart ap-curves');
  const log = element('pre', 'ap-log');
  const intro = element('p', 'ap-intro', 'Train this network again, here in your browser: put the label into another column, change the '
    + 'number of columns, the samples, the epochs or the seed. It runs the code the notebook ran (tfjs in the page instead of native '
    + 'TensorFlow); the settings go into the page\'s address, so a setup is a link to share.');
  root.replaceChildren(intro, form, status, attentionHolder, curvesHolder, log);
  const drawAttention = chartDrawer(attentionHolder);
  const drawCurves = chartDrawer(curvesHolder);
  let worker: Worker | undefined;

  const setState = (state: State, message: string) => {
    root.dataset.state = state;
    status.textContent = message;
    trainButton.disabled = state === 'training';
    stopButton.disabled = state !== 'training';
  };
  const settingsFromControls = (): PlaygroundSettings => {
    const chosen = { ...defaults };
    for (const name of playgroundControls) chosen[name] = numberOf(inputs[name].value);
    return chosen;
  };
  const stop = () => {
    worker?.terminate();
    worker = undefined;
  };
  const start = () => {
    stop();
    const settings = settingsFromControls();
    history.replaceState(null, '', formatHash(settings));
    delete root.dataset.attention;
    delete root.dataset.valAcc;
    setState('training', 'Starting…');
    let backend = '';
    const current = new Worker(workerUrl);
    worker = current;
    current.onmessage = ({ data: message }: MessageEvent<WorkerMessage>) => {
      if (worker !== current) return;
      if (message.kind === 'started') {
        backend = describeBackend(message.backend);
        setState('training', `Training in this page ${backend}…`);
      } else if (message.kind === 'epoch') {
        log.textContent = message.log.join('\n');
        void drawAttention(message.attentionChart);
        void drawCurves(message.curves);
      } else if (message.kind === 'done') {
        stop();
        root.dataset.attention = JSON.stringify(message.attention);
        root.dataset.valAcc = String(message.valAcc);
        setState('done', `Trained in this page ${backend} in ${message.seconds.toFixed(1)} s; validation accuracy ${message.valAcc.toFixed(3)}.`);
      } else {
        stop();
        setState('error', message.message);
      }
    };
    current.onerror = (event) => {
      event.preventDefault();
      stop();
      setState('error', event.message);
    };
    current.postMessage({ kind: 'train', settings } satisfies TrainRequest);
  };
  const applyHash = () => {
    try {
      const request = parseHash(location.hash);
      for (const name of playgroundControls) inputs[name].value = String(request.values[name] ?? defaults[name]);
      if (request.run) start();
    } catch (error) {
      setState('error', (error as Error).message);
    }
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    start();
  });
  stopButton.addEventListener('click', () => {
    stop();
    setState('idle', 'Stopped.');
  });
  window.addEventListener('hashchange', applyHash);
  setState('idle', '');
  applyHash();
}

const style = document.createElement('style');
style.textContent = playgroundStyles;
document.head.append(style);
for (const root of document.querySelectorAll<HTMLElement>(`.${playgroundClass}`)) mount(root);
