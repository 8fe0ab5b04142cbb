"""The views of the geschillen app, per case kind; ``urls.py`` names them all."""
