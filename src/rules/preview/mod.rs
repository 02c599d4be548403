pub mod preview_audience;
