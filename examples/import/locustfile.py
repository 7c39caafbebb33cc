# A tiny Locust user against the sample shop (examples/SampleTarget) on 127.0.0.1; record-tools.sh runs it headless
# and bounded (--run-time) and keeps its per-request stats history
# (--csv --csv-full-history) as the import fixture shop_stats_history.csv.
from locust import HttpUser, between, task


class ShopUser(HttpUser):
    wait_time = between(0.05, 0.15)

    @task(3)
    def list_products(self):
        self.client.get("/api/products?page=3", name="list-products")

    @task(1)
    def add_to_cart(self):
        self.client.post("/api/cart", json={"sku": "A1", "qty": 1}, name="add-to-cart")

    @task(1)
    def bad_page(self):
        self.client.get("/api/products?page=0", name="bad-page")
