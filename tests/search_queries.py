"""The query set search is held to (tests/test_browser.py) and measured on (scripts/bench_search.py):
what readers of these plans type, in each language."""

ZH = ["地区生产总值", "台江", "仓山", "固定资产投资", "社会消费品零售总额", "数字经济", "营商环境", "乡村振兴",
      "高新技术企业", "城镇登记失业率", "碳排放", "专精特新"]
EN = ["GDP", "fixed-asset investment", "digital economy", "Cangshan", "rural revitalisation",
      "high-tech enterprises", "unemployment"]
