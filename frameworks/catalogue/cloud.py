"""Cloud building blocks for what a client self-hosts or builds: product names per provider.

These are product names, not prices: each names the provider's product page it comes from
and the day it was checked. Prices vary by region and commitment and belong in a quote.
"""

from __future__ import annotations

from datetime import date

from .model import CloudBlock, Fact

CLOUD_VERSION = "2026.11.27"

CHECKED = date(2026, 11, 27)

PROVIDERS: dict[str, str] = {
    "aws": "Amazon Web Services",
    "azure": "Microsoft Azure",
    "gcp": "Google Cloud",
}

_PAGE_SITES = {"aws": "aws.amazon.com", "azure": "azure.microsoft.com", "gcp": "cloud.google.com"}


def _p(provider: str, product: str) -> Fact:
    return Fact(
        text=product,
        source=f"{_PAGE_SITES[provider]}, {product} product page",
        checked=CHECKED,
    )


def _block(block_id: str, purpose: str, aws: str, azure: str, gcp: str) -> CloudBlock:
    return CloudBlock(
        id=block_id,
        purpose=purpose,
        products={"aws": _p("aws", aws), "azure": _p("azure", azure), "gcp": _p("gcp", gcp)},
    )


CLOUD_BLOCKS: tuple[CloudBlock, ...] = (
    _block(
        "load_balancer",
        "Spread web traffic over several application instances and end TLS",
        "Elastic Load Balancing (Application Load Balancer)",
        "Azure Application Gateway",
        "Cloud Load Balancing",
    ),
    _block(
        "managed_postgresql",
        "Managed PostgreSQL with automated patching, backups and point-in-time restore",
        "Amazon RDS for PostgreSQL",
        "Azure Database for PostgreSQL flexible server",
        "Cloud SQL for PostgreSQL",
    ),
    _block(
        "queue",
        "Message queue that decouples intake, integrations and background jobs",
        "Amazon Simple Queue Service (SQS)",
        "Azure Service Bus",
        "Pub/Sub",
    ),
    _block(
        "cache_broker",
        "Managed Redis as task broker and cache",
        "Amazon ElastiCache",
        "Azure Cache for Redis",
        "Memorystore for Redis",
    ),
    _block(
        "autoscaling_compute",
        "Compute that adds and removes instances with load, so peaks are paid only when used",
        "Amazon EC2 Auto Scaling",
        "Azure Virtual Machine Scale Sets",
        "Compute Engine managed instance groups",
    ),
    _block(
        "containers",
        "Serverless containers that scale with requests",
        "AWS Fargate",
        "Azure Container Apps",
        "Cloud Run",
    ),
    _block(
        "object_storage",
        "Durable storage for attachments, exports and database backups",
        "Amazon S3",
        "Azure Blob Storage",
        "Cloud Storage",
    ),
    _block(
        "backups",
        "Central, policy-driven backups with retention",
        "AWS Backup",
        "Azure Backup",
        "Backup and DR Service",
    ),
    _block(
        "multi_zone",
        "Run across availability zones in one region so one data-centre failure is survived",
        "Amazon RDS Multi-AZ deployments",
        "Azure availability zones (zone-redundant services)",
        "Cloud SQL high availability (regional instances)",
    ),
    _block(
        "multi_region",
        "Fail over to a second region; route users to the healthy one",
        "Amazon Route 53",
        "Azure Front Door",
        "Cloud DNS",
    ),
)
