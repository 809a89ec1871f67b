"""guanxin: 关工委工作要点跟踪 — turn a work plan into data and keep the year on track."""

__version__ = "0.1.0"
