# The production image: web (gunicorn + whitenoise), Celery worker and Celery beat share it.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml ./
RUN pip install "setuptools<81" wheel \
 && pip install --no-build-isolation "XStatic-Bootstrap>=5.3,<6"
COPY . .
RUN pip install . \
 && PORTAL_PRODUCTION=1 DJANGO_SECRET_KEY=collectstatic-only-not-a-secret-0123456789abcdef DJANGO_ALLOWED_HOSTS=x \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py collectstatic --noinput \
 && DATABASE_URL=sqlite:////tmp/build.sqlite3 python manage.py vertalingen
RUN useradd --create-home portal && mkdir -p /app/var && chown -R portal /app/var
USER portal
EXPOSE 8000
CMD ["gunicorn", "portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--worker-class", "gthread", "--threads", "4", "--access-logfile", "-"]
