//! The course list kept for a moment on a served site, and retired by any change.

use std::time::Duration;

use pathways_app::catalog::{Catalog, catalog_changed};
use pathways_domain::calendar::program_today;
use pathways_domain::testing;
use pathways_store::{Batch, CatalogFilter};

async fn add_course(store: &dyn pathways_store::Store, number: &str) {
    let mut tx = store.begin_import().await.unwrap();
    tx.upsert(&Batch::Vendors(vec![testing::vendor("V1")]))
        .await
        .unwrap();
    tx.upsert(&Batch::Courses(vec![pathways_domain::entities::Course {
        published_on: Some(program_today() - time::Duration::days(10)),
        ..testing::course(number)
    }]))
    .await
    .unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn a_kept_list_is_used_again_until_something_changes_and_an_unkept_one_never() {
    for db in pathways_store::testing::all().await {
        let store = db.store.clone();
        let today = program_today();
        let filter = CatalogFilter {
            per_page: 20,
            ..CatalogFilter::default()
        };
        let kept = Catalog::new(store.clone()).keeping_answers_for(Duration::from_secs(600));
        let fresh = Catalog::new(store.clone());
        add_course(store.as_ref(), "GHS-101").await;
        assert_eq!(kept.search(&filter, today).await.unwrap().total, 1);

        // Written behind the services' back (as another server would): the kept answer stands.
        add_course(store.as_ref(), "GHS-102").await;
        assert_eq!(kept.search(&filter, today).await.unwrap().total, 1);
        assert_eq!(fresh.search(&filter, today).await.unwrap().total, 2);
        // A different question is asked anew.
        let by_title = CatalogFilter {
            sort: pathways_store::CatalogSort::Title,
            ..filter.clone()
        };
        assert_eq!(kept.search(&by_title, today).await.unwrap().total, 2);

        // A change through this process retires every kept answer.
        catalog_changed();
        assert_eq!(kept.search(&filter, today).await.unwrap().total, 2);

        // And a moment is only a moment.
        let brief = Catalog::new(store.clone()).keeping_answers_for(Duration::from_millis(50));
        assert_eq!(brief.search(&filter, today).await.unwrap().total, 2);
        add_course(store.as_ref(), "GHS-103").await;
        tokio::time::sleep(Duration::from_millis(80)).await;
        assert_eq!(brief.search(&filter, today).await.unwrap().total, 3);
    }
}
