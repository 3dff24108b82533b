/** Help text of `lrkit find` (kept apart so `lrkit --help` does not load TensorFlow.js). */
export const findHelp = `Usage: lrkit find [--model model.json --data FILE] [options]

The learning-rate range test (Smith 2015; fastai's lr_find): trains for --num-iter mini-batches
while the lr grows exponentially from --start-lr to --end-lr, then shows the loss against the lr
with four suggestions (steepest descent, minimum ÷ 10, valley, slide) and the lr lrkit recommends.
The model is restored afterwards: nothing is saved.

Without --model it runs on the built-in demo task, offline: the 4000 MNIST digits (14×14) shipped
with lrkit and a small MLP (196 → 128 → 64 → 10) trained with SGD, momentum 0.9.

With --model, a saved TF.js Layers model (model.json and its weight files, as written by
model.save('file://…') or downloads://, or by tensorflowjs_converter) is trained on --data:
  CSV   a header row naming the columns, then one row of numbers per example
  JSON  [{"f1": 0.5, "f2": 1.2, "label": 1}, …]  or  {"x": [[0.5, 1.2], …], "y": [1, …]}
The target is the column named label, target or y (or --target NAME), else the last column; the
others are the features, in order. A model with several outputs units and one label column is
trained on one-hot labels. The loss is the one the model was saved with (model.save with
includeOptimizer), else --loss, else categoricalCrossentropy for several output units and
meanSquaredError for one.

Options:
  --model FILE        a TF.js Layers model.json (needs --data)
  --data FILE         training data, .csv or .json
  --target NAME       the target column (default: label, target or y, else the last)
  --loss NAME         categoricalCrossentropy, sparseCategoricalCrossentropy, binaryCrossentropy,
                      meanSquaredError or meanAbsoluteError (for a model saved without one)
  --optimizer NAME    sweep with sgd, momentum, adam, rmsprop, adagrad, adamax or adadelta
                      (default: the model's own optimizer; the demo task: momentum 0.9)
  --num-iter N        iterations (default 100)
  --start-lr LR       first lr (default 1e-5)
  --end-lr LR         last lr (default 10)
  --batch-size B      samples per iteration (default 64 on the demo task, else 32)
  --smoothing β       EMA factor of the smoothed loss (default 0.98)
  --diverge X         stop when the smoothed loss exceeds X × its best (default 4)
  --seed S            shuffle (and demo weights) seed (default 42)
  --out FILE          the plot as .svg, .png or .html
  --json FILE         the full result as JSON
  --format FORMAT     text (default) or json (the result on stdout)
  -h, --help          this help

A progress bar is drawn on stderr when it is a terminal.

Examples:
  lrkit find
  lrkit find --num-iter 200 --out range-test.svg --json range-test.json
  lrkit find --model my-model/model.json --data train.csv --batch-size 64
  lrkit find --model model.json --data data.json --loss binaryCrossentropy --format json`;
